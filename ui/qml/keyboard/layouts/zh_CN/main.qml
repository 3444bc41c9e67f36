// Qt's own pinyin layout: a custom layout path hides the built-in ones, so
// each locale the kiosk keeps is a one-line loader of it (ui/qt_env.py says why).
import QtQuick.VirtualKeyboard.Components

KeyboardLayoutLoader { source: "qrc:/qt-project.org/imports/QtQuick/VirtualKeyboard/Layouts/zh_CN/main.qml" }
