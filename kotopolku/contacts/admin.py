from django.contrib import admin

from kotopolku.contacts.models import ClientGroup, Topic


@admin.register(Topic, ClientGroup)
class CodeListAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name_fi", "name_sv", "name_en", "order", "active")
    list_editable = ("order", "active")
    ordering = ("order", "code")
