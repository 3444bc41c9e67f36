import QtQuick
import QtQuick.Layouts
import Kiosk

// A journey screen: title, scrolling content, and a bar of actions at the bottom
// that stays put (no screen moves under the resident's finger).
Item {
    id: page
    property string title: ""
    property string subtitle: ""
    default property alias content: column.data
    property alias actions: actionRow.data

    Flickable {
        id: flick
        anchors { top: parent.top; left: parent.left; right: parent.right; bottom: bar.top }
        contentHeight: column.implicitHeight + 4 * Style.spacing
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            x: 2 * Style.spacing
            y: 2 * Style.spacing
            width: flick.width - 4 * Style.spacing
            spacing: 2 * Style.spacing

            Text {
                Layout.fillWidth: true
                text: page.title
                font.pixelSize: Style.heroSize
                font.bold: true
                color: Style.text
                wrapMode: Text.WordWrap
            }
            Text {
                Layout.fillWidth: true
                visible: page.subtitle !== ""
                text: page.subtitle
                font.pixelSize: Style.bodySize
                color: Style.mutedText
                wrapMode: Text.WordWrap
                lineHeight: Style.lineHeight
            }
        }
    }

    Rectangle {
        id: bar
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: actionRow.children.length > 0 ? actionRow.implicitHeight + 2 * Style.spacing : 0
        color: Style.surface
        border.color: "#d0d7e2"
        RowLayout {
            id: actionRow
            anchors { fill: parent; margins: Style.spacing }
            spacing: 2 * Style.spacing
        }
    }
}
