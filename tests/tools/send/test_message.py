"""The message as mail programs render it: one 600-pixel column, every style inlined, dark
mode kept, `lang` set, under 90 KB; and the inliner fetches nothing."""
from __future__ import annotations

import re
import socket

import pytest

from bulletin.content import load_languages
from bulletin.tools.send.campaign import email_editions
from bulletin.tools.send.message import HTML_LIMIT, compose_message, inline_styles, message_id
from bulletin.tools.send.recipients import Recipient


@pytest.fixture
def messages(project, server):
    """Each language's message to one reader, as composed for sending."""
    issues = load_languages(project.issue_dir)
    settings = issues[0].publication.sending
    editions = email_editions(issues, project.out, settings)
    made = {}
    for language, edition in editions.items():
        reader = Recipient("jane@example.org", language, "Jane Doe", "Ministry of Health")
        made[language] = compose_message(edition, reader, settings, message_id(edition.issue, reader.key,
                                                                                settings.sender))
    return made


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_html_is_one_inlined_column_safe_in_dark_mode(messages, language):
    html = messages[language].get_body(("html",)).get_content()
    assert len(html.encode()) < HTML_LIMIT
    assert f'<html lang="{language}" dir="ltr">' in html
    assert re.search(r'<table class="column" [^>]*width="600" [^>]*style="[^"]*max-width: 600px;', html)
    assert '<meta name="color-scheme" content="light dark">' in html
    [style] = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert style.strip().startswith("@media (prefers-color-scheme: dark)")     # only what cannot be inlined
    assert re.search(r'<td class="masthead" style="background-color: #0d3b5c;', html)
    assert "http" not in "".join(re.findall(r'src="([^"]*)"', html))         # the cover is embedded, not fetched


def test_the_structure_is_text_or_html_with_the_cover_and_the_pdf(messages):
    message = messages["en"]
    shape = [part.get_content_type() for part in message.walk()]
    assert shape == ["multipart/mixed", "multipart/alternative", "text/plain", "multipart/related", "text/html",
                     "image/jpeg", "application/pdf"]
    assert message["Content-Language"] == "en"
    assert message["From"] == "Milestones <milestones@unodc.org>"


def test_the_plain_text_says_what_the_html_says(messages):
    text = messages["ru"].get_body(("plain",)).get_content()
    words = " ".join(text.split())
    assert "Здравствуйте, Jane Doe!" in text
    assert "Первая статья о сотрудничестве" in text
    assert "Письмо отправлено на адрес jane@example.org: организация «Ministry of Health»" in words
    assert "https://www.unodc.org/centralasia/unsubscribe?email=jane@example.org" in text.splitlines()
    assert "<" not in text.replace("<https", "")
    assert max(len(line) for line in text.splitlines()) <= 80


def test_the_inliner_fetches_nothing():
    listening = socket.create_server(("127.0.0.1", 0))
    listening.settimeout(0.3)
    port = listening.getsockname()[1]
    html = (f'<html><head><link rel="stylesheet" href="http://127.0.0.1:{port}/remote.css">'
            "<style>p { color: red }</style></head><body><p>Hello</p></body></html>")
    assert '<p style="color: red;">Hello</p>' in inline_styles(html)
    with pytest.raises(TimeoutError):
        listening.accept()
    listening.close()
