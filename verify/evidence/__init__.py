"""Evidence files -> sources and passages in the store."""
