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
    property var voiceParams: ({})  // the blanks of this screen's spoken prompt

    // The field in use stays in sight above the on-screen keyboard: when it
    // takes the focus, and when the keyboard comes up and the page shrinks.
    function keepInView(item) {
        if (!item || !page.visible)
            return
        var p = item.mapToItem(column, 0, 0)
        if (p.x < -1 || p.y < -1 || p.y > column.height + 1)
            return  // not on this page (the top bar, the keyboard itself)
        var margin = Style.spacing
        var top = p.y + column.y - margin
        var bottom = p.y + column.y + Math.min(item.height, flick.height * 0.6) + margin
        var y = flick.contentY
        if (top < y)
            y = top
        else if (bottom > y + flick.height)
            y = bottom - flick.height
        flick.contentY = Math.max(0, Math.min(y, flick.contentHeight - flick.height))
    }
    Connections {
        target: page.Window.window
        function onActiveFocusItemChanged() { page.keepInView(page.Window.activeFocusItem) }
    }

    Flickable {
        id: flick
        onHeightChanged: Qt.callLater(page.keepInView, page.Window.activeFocusItem)
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

            RowLayout {
                Layout.fillWidth: true
                spacing: Style.spacing
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: page.title
                    font.pixelSize: Style.heroSize
                    font.bold: true
                    color: Style.text
                    wrapMode: Text.WordWrap
                }
                SpeakerButton { Layout.alignment: Qt.AlignTop; params: page.voiceParams }
            }
            Text {
                textFormat: Text.PlainText
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
