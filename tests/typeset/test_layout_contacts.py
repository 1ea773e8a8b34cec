"""Where the layout sets the contacts box: the fitter's choices reach the page."""
from __future__ import annotations

from dataclasses import replace

from bulletin.compose import compose
from bulletin.compose.layout import default_layout
from bulletin.content import load_issue


def two_stories(project):
    project.replace("language: en\nstories:\n", "language: en\nstories:\n"
                    "  - id: opener\n    headline: An opening story\n    lead: A lead.\n"
                    "    body: A paragraph.\n")
    return load_issue(project.issue_dir)


def test_a_back_cover_the_fitter_chose_is_set(project):
    issue = two_stories(project)
    assert "colophon-back-cover" not in compose(issue, {}, {})
    layout = replace(default_layout(issue), back_cover=True)
    assert compose(issue, {}, {}, layout=layout).count("colophon-back-cover") == 1


def test_the_contacts_box_follows_the_story_it_is_set_after(project):
    issue = two_stories(project)
    html = compose(issue, {}, {}, layout=replace(default_layout(issue), contacts_after="opener"))
    assert html.count('<footer class="colophon') == 1
    assert html.index('id="opener"') < html.index('<footer class="colophon') \
        < html.index('id="first-story"')
