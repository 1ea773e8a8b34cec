"""bulletin: typesets an organisation's newsletter from YAML content into PDFs."""
__version__ = "0.1.0"
