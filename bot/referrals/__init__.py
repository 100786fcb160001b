"""Referral delivery: HMAC signing, the outbox worker and a demo partner (the one HTTP client is bot.http_client)."""
