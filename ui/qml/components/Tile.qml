import QtQuick
import Kiosk

// A home-screen tile: big label, one line of explanation, icon glyph.
Rectangle {
    id: tile
    property string label: ""
    property string sublabel: ""
    property string glyph: ""
    signal activated()

    radius: 16
    color: area.pressed ? "#dde6f2" : Style.surface
    border.color: Style.primary
    border.width: 2
    implicitHeight: Math.max(Style.touchTarget * 2.5, content.implicitHeight + 3 * Style.spacing)
    Accessible.role: Accessible.Button
    Accessible.name: tile.label
    Accessible.description: tile.sublabel
    Accessible.onPressAction: tile.activated()

    Column {
        id: content
        anchors.centerIn: parent
        width: parent.width - 2 * Style.spacing
        spacing: Style.spacing / 2
        Text {
            textFormat: Text.PlainText
            width: parent.width
            text: tile.glyph
            font.pixelSize: Style.heroSize * 1.3
            color: Style.primary
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            text: tile.label
            font.pixelSize: Style.titleSize
            font.bold: true
            color: Style.text
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            text: tile.sublabel
            font.pixelSize: Style.smallSize
            color: Style.mutedText
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            lineHeight: Style.lineHeight
        }
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: tile.activated()
    }
}
