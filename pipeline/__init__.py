"""Raw Wilson Center Digital Archive records to a versioned, validated, citable research dataset."""
__version__ = "0.1.0"
