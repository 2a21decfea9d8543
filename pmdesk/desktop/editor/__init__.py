"""The job editor and the database connection profiles of the desktop app."""

from pmdesk.desktop.editor.job_editor import JobEditor
from pmdesk.desktop.editor.profiles_dialog import ProfilesDialog

__all__ = ["JobEditor", "ProfilesDialog"]
