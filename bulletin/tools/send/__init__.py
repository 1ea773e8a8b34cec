"""`bulletin send`: the email edition to every reader, in their language.

recipients.py reads the mailing list and the suppression list; message.py writes
each reader's message from the templates; outbox.py records every reader's state
so that nothing is sent twice or lost; smtp.py hands the messages to the mail
server; campaign.py puts them together (prepare, dry run, test, the run itself);
report.py says what it will do, is doing and did.
"""
from __future__ import annotations

from .campaign import Campaign, Dispatcher, dry_run, helo_name, one_run_at_a_time, open_outbox, prepare, send_test
from .outbox import Outbox, State
from .recipients import MailingList, Recipient

__all__ = ["Campaign", "Dispatcher", "MailingList", "Outbox", "Recipient", "State", "dry_run", "helo_name",
           "one_run_at_a_time", "open_outbox", "prepare", "send_test"]
