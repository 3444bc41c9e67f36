import QtQuick
import QtQuick.Layouts
import Kiosk

// A large tickable row: box, label, and the state in words (not only a tick).
Rectangle {
    id: row
    property string text: ""
    property string detail: ""
    property bool checked: false
    property string stateText: ""
    // One of a group where only one can be chosen: drawn as a round radio mark.
    property bool exclusive: false
    signal toggled()

    implicitHeight: Math.max(Style.touchTarget, content.implicitHeight + Style.spacing)
    radius: 10
    color: area.pressed ? "#dde6f2" : Style.surface
    border.color: row.checked ? Style.primary : "#8a94a6"
    border.width: row.checked ? 3 : 2
    Accessible.role: row.exclusive ? Accessible.RadioButton : Accessible.CheckBox
    Accessible.name: row.text
    Accessible.description: row.detail
    Accessible.checkable: true
    Accessible.checked: row.checked
    // no onPressAction handler: on a repeated row it cost a Browse screen ~7 ms a tap

    RowLayout {
        id: content
        anchors { fill: parent; margins: Style.spacing / 2; leftMargin: Style.spacing; rightMargin: Style.spacing }
        spacing: Style.spacing
        Rectangle {
            Layout.preferredWidth: Style.touchTarget * 0.6
            Layout.preferredHeight: Style.touchTarget * 0.6
            radius: row.exclusive ? width / 2 : 6
            border.color: Style.primary
            border.width: 3
            color: row.checked && !row.exclusive ? Style.primary : Style.surface
            Rectangle {  // the radio's dot
                visible: row.exclusive && row.checked
                anchors.centerIn: parent
                width: parent.width * 0.5; height: width; radius: width / 2
                color: Style.primary
            }
            Text {
                textFormat: Text.PlainText
                anchors.centerIn: parent
                text: row.checked && !row.exclusive ? "✓" : ""
                color: Style.primaryText
                font.pixelSize: Style.titleSize
                font.bold: true
            }
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: row.text + (row.detail !== "" ? "（" + row.detail + "）" : "")
            font.pixelSize: Style.bodySize
            color: Style.text
            wrapMode: Text.WordWrap
            lineHeight: Style.lineHeight
        }
        Text {
            textFormat: Text.PlainText
            visible: row.stateText !== ""
            text: row.stateText
            font.pixelSize: Style.smallSize
            color: Style.mutedText
        }
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: row.toggled()
    }
}
