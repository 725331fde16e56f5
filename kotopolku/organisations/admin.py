from django.contrib import admin

from kotopolku.organisations.models import Municipality, Network, Organisation, ServicePoint


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "name_sv", "business_id"]
    search_fields = ["code", "name_fi", "name_sv"]


@admin.register(ServicePoint)
class ServicePointAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "retention_years", "is_active"]
    search_fields = ["name"]
    autocomplete_fields = ["municipality", "served_municipalities"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "lead"]
    search_fields = ["name"]
    filter_horizontal = ["service_points"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "business_id", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "business_id"]
