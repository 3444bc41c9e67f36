"""The Qt layer: QML screens and the Python objects they bind to.

The only package that imports PySide6; may import sync/, devices/, kiosk/, protocol/.
"""

from ui.qt_env import stop_pyside_caching_module_sources

# First thing in the Qt layer, before the imports whose sources PySide reads.
stop_pyside_caching_module_sources()
