import QtQuick
import QtQuick.Layouts
import Kiosk

ListView {
    clip: true
    spacing: Style.spacing / 2
    model: Technician.infoRows
    delegate: RowLayout {
        required property var modelData
        width: ListView.view.width
        Text {
            Layout.preferredWidth: parent.width * 0.4
            text: modelData.label
            font.pixelSize: Style.bodySize
            color: Style.mutedText
        }
        Text {
            Layout.fillWidth: true
            text: modelData.value
            font.pixelSize: Style.bodySize
            font.bold: true
            color: Style.text
            wrapMode: Text.WrapAnywhere
        }
    }
}
