// Qt's own fallback layout (ui/qt_env.py says why).
import QtQuick.VirtualKeyboard.Components

KeyboardLayoutLoader { source: "qrc:/qt-project.org/imports/QtQuick/VirtualKeyboard/Layouts/fallback/dialpad.qml" }
