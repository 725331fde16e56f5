from django.utils import translation


def test_kotopolku_translations_win_over_the_admins():
    # The admin's Finnish "Save" is "Tallenna ja poistu" (save and exit); every form of ours saves.
    with translation.override("fi"):
        assert translation.gettext("Save") == "Tallenna"
    with translation.override("sv"):
        assert translation.gettext("Save") == "Spara"
