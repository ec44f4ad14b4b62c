"""Files to documents to claims: reading, sentences, claim extraction."""
