"""Input channels beyond Rasa's REST channel: the WeChat official account."""
