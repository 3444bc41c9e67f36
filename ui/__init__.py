"""The Qt layer: QML screens and the Python objects they bind to.

The only package that imports PySide6; may import sync/, devices/, kiosk/, protocol/.
"""
