// Qt's own Cangjie and Zhuyin layout, for readers of traditional characters
// (ui/qt_env.py says why it is a loader).
import QtQuick.VirtualKeyboard.Components

KeyboardLayoutLoader { source: "qrc:/qt-project.org/imports/QtQuick/VirtualKeyboard/Layouts/zh_TW/main.qml" }
