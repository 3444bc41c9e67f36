import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../../components"

// Receipt reprint of a recent application by its tracking number.
ColumnLayout {
    spacing: Style.spacing

    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        text: I18n.t("tech.reprint.hint", I18n.language)
        font.pixelSize: Style.titleSize
        font.bold: true
        color: Style.text
        wrapMode: Text.WordWrap
    }
    TextField {
        id: number
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(Style.touchTarget, implicitHeight)
        font.pixelSize: Style.titleSize
        color: Style.text
        placeholderText: "GD01-20260101-0001"
        placeholderTextColor: Style.mutedText
        inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhPreferUppercase
        leftPadding: Style.spacing
        Accessible.role: Accessible.EditableText
        Accessible.name: I18n.t("tech.reprint.hint", I18n.language)
        background: Rectangle {
            radius: 10
            color: Style.surface
            border.color: number.activeFocus ? Style.primary : "#8a94a6"
            border.width: number.activeFocus ? 3 : 2
        }
        onAccepted: TechReprint.reprintReceipt(text)
    }
    KButton {
        text: I18n.t("tech.reprint.button", I18n.language)
        onClicked: TechReprint.reprintReceipt(number.text)
    }
    Item { Layout.fillHeight: true }
}
