"""The typed objects handed from one pipeline stage to the next.

Everything here is frozen: a stage reads the previous stage's result and builds
its own, it never edits what it was given. The classes read from the content files
carry every plain key fields.py declares: those not listed here are added, with
their declared defaults, by `carrying`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Location
from .fields import (
    CHART,
    CONTACTS,
    DELIVER,
    EMAIL,
    FACTBOX,
    FIGURE,
    ISSUE,
    PRINT,
    PUBLICATION,
    QUOTE,
    SEND,
    SFTP,
    SMTP,
    STORY,
    carrying,
)


@dataclass(frozen=True)
class Colour:
    """A theme colour: RGB for screens, CMYK (0-100 per ink) for the press, and the
    CMYK type below 9 pt is set in on press where the colour has more inks than such
    type takes (see fields.SMALL_TYPE_PT)."""
    name: str
    rgb: str                      # "#rrggbb"
    cmyk: tuple[float, float, float, float]
    small: tuple[float, float, float, float] | None = None

    @property
    def small_cmyk(self) -> tuple[float, float, float, float]:
        """The inks of small type in this colour: its small-type form, or itself."""
        return self.small or self.cmyk


@carrying(CONTACTS)
class Contacts:
    address: str
    web: str
    email: str = ""
    phone: str = ""


@carrying(PRINT)
class PrintRun:
    """How the print shop prints the print edition (`print:` in publication.yaml)."""
    profile: str = "FOGRA39"      # printing condition (FOGRA39, GRACoL2006 ...) or the shop's .icc path
    ink_limit: float = 300.0      # total area coverage of the four inks, %
    binding: str = "saddle-stitch"
    photo_ppi: float = 350.0      # what a photo placed above photo_ppi_limit is resampled to
    photo_ppi_limit: float = 450.0
    paper: str = ""               # named on the job sheet when given
    contact: str = ""             # the print shop's contact, for the job sheet


@carrying(EMAIL)
class EmailEdition:
    """Limits of the email edition (`email:` in publication.yaml)."""
    size_budget_mb: float = 5.0
    max_ppi: float = 150.0        # photos are downsampled to this at their placed size


@carrying(SMTP)
class SmtpServer:
    """The mail server `bulletin send` hands the messages to (`send.smtp`)."""
    host: str
    port: int = 587               # by default the security's own (fields.SECURITY_PORTS)
    security: str = "starttls"    # "starttls" | "tls" | "none" (loopback only)
    user: str = ""
    password_env: str = ""        # where the password is found: never in the file itself
    password_command: str = ""


@carrying(SEND)
class Sending:
    """How the email edition is mailed to the readers (`send:` in publication.yaml)."""
    sender: str                   # "Milestones <milestones@unodc.org>"
    smtp: SmtpServer
    reply_to: str = ""
    list_id: str = ""             # "" : the slug at the sender's domain
    unsubscribe: str = ""         # "" : the sender's address
    unsubscribe_url: str = ""     # one-click (RFC 8058) when given; {email} filled in
    attach_limit_mb: float = 8.0  # above it the PDF is linked (`link`), not attached
    link: str = ""                # where the email editions are published; {file} filled in
    rate_per_minute: int = 30
    retry_after: float = 60.0     # seconds before a deferred message goes again
    retries: int = 3              # rounds of retries in one run
    suppressed: str = "mailing/suppressed.txt"   # from the project folder


@carrying(SFTP)
class SftpServer:
    """The print shop's server (`deliver.sftp`), its host key pinned."""
    host: str
    user: str
    host_key: str                 # "ssh-ed25519 AAAA...", as ssh-keyscan prints it
    port: int = 22
    folder: str = ""
    key_file: str = ""
    password_env: str = ""
    password_command: str = ""


@carrying(DELIVER)
class Delivery:
    """What the job ticket tells the print shop beyond the job sheet (`deliver:`)."""
    copies: dict[str, int] = field(default_factory=dict)   # per language
    sftp: SftpServer | None = None
    cover_paper: str = ""         # "": the cover is printed on the text's paper
    proof: str = "pdf"            # fields.PROOFS
    days_before: int = 7          # the copies are due this many days before the issue's date
    address: str = ""             # where they are delivered


@carrying(PUBLICATION)
class Publication:
    """What stays the same from one issue to the next."""
    name: str                     # "Milestones"
    slug: str                     # used in file names: "milestones"
    tagline: str
    publisher: str
    contacts: Contacts
    donors: str                   # the acknowledgement printed on the back page
    colours: dict[str, Colour]
    page_size: str = "A4"
    bleed_mm: float = 3.0
    pages_multiple_of: int = 4    # saddle stitching wants multiples of 4
    # Words of the publication in its other languages: {"ru": {"tagline": ...}}
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    print_run: PrintRun = field(default_factory=PrintRun)
    email_edition: EmailEdition = field(default_factory=EmailEdition)
    sending: Sending | None = None     # None: no `send:` settings, nothing can be mailed
    delivery: Delivery = field(default_factory=Delivery)
    # The language of its own words, set in a translated issue (its first language): what
    # the translation does not give (the name, addresses) is printed in it.
    language: str = ""


@carrying(QUOTE)
class PullQuote:
    text: str
    attribution: str


@carrying(FIGURE)
class Figure:
    """A photo placed in a story, with its caption and credit line."""
    image: Path                   # absolute path inside the issue folder
    caption: str
    credit: str
    alt: str
    focus: str = ""               # what every crop keeps: top, centre, 30% 20% ... ("": the middle)


@carrying(FACTBOX)
class FactBox:
    title: str
    body: str                     # Markdown


@dataclass(frozen=True)
class ChartPoint:
    """A labelled value: a bar, a donut's part or a key figure."""
    label: str
    value: float
    note: str = ""                # a short explanation printed beside the label
    unit: str = ""                # a key figure's own unit ("million USD"); else the chart's


@dataclass(frozen=True)
class ChartSeries:
    """One named row of values of a column or line chart, one value per category."""
    name: str
    values: tuple[float, ...]


@carrying(CHART)
class Chart:
    """Data drawn by the charts stage; `id` is unique within the issue.

    bars, donut and keyfigures hold `points`; columns and line hold
    `categories` (the x labels) and `series`.
    """
    id: str
    kind: str                     # "bars" | "columns" | "line" | "donut" | "keyfigures"
    title: str
    unit: str
    points: tuple[ChartPoint, ...] = ()
    subtitle: str = ""
    source: str = ""
    alt: str = ""
    categories: tuple[str, ...] = ()
    series: tuple[ChartSeries, ...] = ()
    notes: str = ""               # printed in small type under the chart
    table: bool = False           # also print the data as a small table
    width: str = "half"           # "half" (two side by side) | "full" (the panel's width)
    # Where its words were read (issue.yaml, or the translation's), for what drawing finds.
    at: Location | None = field(default=None, compare=False, repr=False)


@carrying(STORY)
class Story:
    id: str                       # slug, unique in the issue: anchors and file names
    headline: str
    lead: str
    body: str                     # Markdown
    kicker: str = ""
    quotes: tuple[PullQuote, ...] = ()
    figures: tuple[Figure, ...] = ()
    factbox: FactBox | None = None
    charts: tuple[Chart, ...] = ()
    columns: int | None = None    # the officer's column count; None: the fitter's choice
    new_page: bool = False        # start on a fresh page (copy-fitting a language's edition)
    wide_photo: bool = False      # the first photo across the page under the lead (copy-fitting)


def panel_may_go_across(story: Story) -> bool:
    """Two or more half-width charts: the fitter may set them one under another, each
    across the page (holes.py), so the charts stage draws them at that width too."""
    return sum(1 for chart in story.charts if chart.width == "half") >= 2


@carrying(ISSUE)
class Issue:
    id: str                       # folder name, e.g. "2017-04"
    folder: Path
    publication: Publication
    number: int
    date: str                     # ISO date of publication, "2017-04-28"
    period: str                   # as printed on the masthead: "March–April 2017"
    language: str
    stories: tuple[Story, ...]
    cover_story: str = ""         # id of the story whose photo leads the front page
    editorial: str = ""           # optional short note on the front page (Markdown)
    back_cover: bool = False      # contacts and donors on a page of their own, last
    example: bool = False         # an example issue: its photos may be bulletin's placeholders
