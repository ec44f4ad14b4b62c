"""Claim -> ranked evidence: full-text candidates, rapidfuzz rerank, stance hints."""
