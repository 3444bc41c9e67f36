import QtQuick
import QtQuick.Layouts
import Kiosk

// One service in a list: its name, department and time limit; a tap opens the guide.
Rectangle {
    id: row
    property string code: ""
    property string name: ""
    property string department: ""
    property string promised: ""
    property bool needsOnline: false
    property bool atKiosk: true
    signal activated()

    implicitHeight: Math.max(Style.touchTarget, column.implicitHeight + 2 * Style.spacing)
    radius: 12
    color: area.pressed ? "#dde6f2" : Style.surface
    border.color: "#c5d0de"
    border.width: 1
    Accessible.role: Accessible.Button
    Accessible.name: row.name
    Accessible.description: row.department
    // no onPressAction handler: on each of a list's rows it cost ~7 ms a screen

    // The software renderer paints what lies under a rounded (so not opaque)
    // rectangle first: the window's background under every row. An opaque
    // square of the row's colour inside its rounded edge hides that, and the
    // rows' insides are painted once, not twice. 5 px in: inside the corner
    // arcs of radius 12 and the border.
    Rectangle {
        anchors { fill: parent; margins: 5 }
        color: row.color
    }

    ColumnLayout {
        id: column
        anchors {
            left: parent.left; right: arrow.left; verticalCenter: parent.verticalCenter
            leftMargin: Style.spacing * 1.5; rightMargin: Style.spacing
        }
        spacing: 4
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: row.name
            font.pixelSize: Style.bodySize
            font.bold: true
            color: Style.text
            wrapMode: Text.WordWrap
            lineHeight: Style.lineHeight
        }
        Flow {
            Layout.fillWidth: true
            spacing: Style.spacing
            Text {
                textFormat: Text.PlainText
                text: row.department
                font.pixelSize: Style.smallSize
                color: Style.mutedText
            }
            Text {
                textFormat: Text.PlainText
                text: I18n.tf("catalog.row.promised", I18n.language, {"days": row.promised})
                font.pixelSize: Style.smallSize
                color: Style.mutedText
            }
            Text {
                textFormat: Text.PlainText
                visible: row.needsOnline
                // laid out only when shown: a hidden Text still shapes its words
                text: row.needsOnline ? "⚡ " + I18n.t("catalog.row.online", I18n.language) : ""
                font.pixelSize: Style.smallSize
                font.bold: true
                color: Style.warning
            }
            Text {
                textFormat: Text.PlainText
                visible: !row.atKiosk
                text: row.atKiosk ? "" : "▣ " + I18n.t("catalog.row.counter", I18n.language)
                font.pixelSize: Style.smallSize
                font.bold: true
                color: Style.mutedText
            }
        }
    }
    Text {
        textFormat: Text.PlainText
        id: arrow
        anchors { right: parent.right; rightMargin: Style.spacing; verticalCenter: parent.verticalCenter }
        text: I18n.rtl ? "‹" : "›"  // towards the guide, in the reading direction
        font.pixelSize: Style.titleSize
        color: Style.primary
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: row.activated()
    }
}
