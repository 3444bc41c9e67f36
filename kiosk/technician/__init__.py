"""Technician access: PIN with lockout, the audit trail, log export."""
