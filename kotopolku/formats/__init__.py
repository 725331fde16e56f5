"""Each staff language's own date and time formats (Django's FORMAT_MODULE_PATH)."""
