"""百名博士进高新: records validator and site generator."""

__version__ = "0.1.0"
