import QtQuick
import Kiosk

// A message in words with a mark and a border: never colour alone.
// warning (⚠, red): something failed or needs the resident; info: under way,
// no verdict yet; neither: done (✓, green). A failure never wears the tick.
Rectangle {
    id: note
    property string text: ""
    property bool warning: true
    property bool info: false
    readonly property color tone: note.warning ? Style.error : (note.info ? Style.primary : Style.ok)
    visible: text !== ""
    implicitHeight: visible ? label.implicitHeight + Style.spacing : 0
    implicitWidth: label.implicitWidth + 2 * Style.spacing
    radius: 8
    color: note.warning ? "#fdecee" : (note.info ? "#e8eef8" : "#e8f3ec")
    border.color: note.tone
    border.width: 2
    Accessible.role: Accessible.StaticText
    Accessible.name: label.text

    Text {
        textFormat: Text.PlainText
        id: label
        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Style.spacing / 2 }
        text: (note.warning ? "⚠ " : (note.info ? "… " : "✓ ")) + note.text
        font.pixelSize: Style.bodySize
        color: note.tone
        wrapMode: Text.WordWrap
        lineHeight: Style.lineHeight
    }
}
