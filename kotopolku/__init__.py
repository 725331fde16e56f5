"""Kotopolku: integration-path software for International House service points."""
