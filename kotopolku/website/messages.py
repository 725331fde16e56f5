"""The site's words for what the services refuse (they give codes; the reader gets a sentence in
their own language from the site's catalogue)."""

from django.utils.translation import gettext_lazy as _

INQUIRY = {
    "required": _("Write your question."),
    "too_long": _("Your message is too long: at most 4000 characters."),
    "characters": _("The text contains characters that cannot be sent."),
    "choice": _("Choose an option from the list."),
    "email": _("Give an e-mail address such as name@example.com."),
    "phone": _("Give a phone number, digits only, such as 040 123 4567."),
}

ANSWER = {
    "required": _("Please answer this question."),
    "scale": _("Choose a number from 1 to 5."),
    "choice": _("Choose one of the options."),
    "too_long": _("Your answer is too long: at most 2000 characters."),
    "characters": _("The text contains characters that cannot be sent."),
    "closed": _("This survey is closed."),
    "empty": _("Please answer at least one question."),
}
