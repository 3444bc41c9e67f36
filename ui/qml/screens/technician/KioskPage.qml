import QtQuick
import QtQuick.Layouts
import Kiosk

ListView {
    clip: true
    spacing: Style.spacing / 2
    model: TechInfo.rows
    delegate: RowLayout {
        id: infoRow
        required property string label
        required property string value
        width: ListView.view.width
        Text {
            textFormat: Text.PlainText
            Layout.preferredWidth: parent.width * 0.4
            text: infoRow.label
            font.pixelSize: Style.bodySize
            color: Style.mutedText
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: infoRow.value
            font.pixelSize: Style.bodySize
            font.bold: true
            color: Style.text
            wrapMode: Text.WrapAnywhere
        }
    }
}
