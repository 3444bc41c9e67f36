import QtQuick
import Kiosk

// A problem in words, marked with "!" and a border: never colour alone.
Rectangle {
    id: note
    property string text: ""
    property bool warning: true
    visible: text !== ""
    implicitHeight: visible ? label.implicitHeight + Style.spacing : 0
    implicitWidth: label.implicitWidth + 2 * Style.spacing
    radius: 8
    color: warning ? "#fdecee" : "#e8f3ec"
    border.color: warning ? Style.error : Style.ok
    border.width: 2

    Text {
        id: label
        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Style.spacing / 2 }
        text: (note.warning ? "⚠ " : "✓ ") + note.text
        font.pixelSize: Style.bodySize
        color: note.warning ? Style.error : Style.ok
        wrapMode: Text.WordWrap
        lineHeight: Style.lineHeight
    }
}
