import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../../components"

ColumnLayout {
    spacing: Style.spacing
    KButton {
        text: I18n.t("tech.logs.export", I18n.language)
        onClicked: TechLogs.exportLogs()
    }
    Rectangle {
        Layout.fillWidth: true
        Layout.fillHeight: true
        color: "#10151f"
        radius: 8
        ListView {
            anchors.fill: parent
            anchors.margins: Style.spacing
            clip: true
            model: TechLogs.lines
            delegate: Text {
                textFormat: Text.PlainText
                required property string line
                width: ListView.view.width
                text: line
                font.family: "monospace"
                font.pixelSize: Style.smallSize * 0.8
                color: "#e8ecf2"
                wrapMode: Text.WrapAnywhere
            }
            Component.onCompleted: positionViewAtEnd()
        }
    }
}
