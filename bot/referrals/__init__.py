"""Referral delivery: the one HTTP client, HMAC signing, the outbox worker and a demo partner."""
