import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// After the durable write: the tracking number, the receipt's fate, the QR to the phone.
JourneyPage {
    title: "✓ " + I18n.t("submitted.title", I18n.language)
    subtitle: I18n.t("submitted.saved", I18n.language)
    voiceParams: ({ tracking: Receipt.trackingNo })

    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        text: I18n.t("submitted.tracking", I18n.language) + "：" + Receipt.trackingNo
        font.pixelSize: Style.titleSize
        font.bold: true
        color: Style.text
        wrapMode: Text.WrapAnywhere
    }

    ErrorNote {
        Layout.fillWidth: true
        warning: Receipt.printState === "failed"
        info: Receipt.printState === "printing"
        text: Receipt.printMessage
    }
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        visible: Receipt.printState === "failed"
        text: I18n.t("submitted.print_later", I18n.language)
        font.pixelSize: Style.bodySize
        color: Style.text
        wrapMode: Text.WordWrap
        lineHeight: Style.lineHeight
    }
    ErrorNote { Layout.fillWidth: true; warning: !Receipt.a4Printed; text: Receipt.a4Message }

    GridLayout {
        Layout.fillWidth: true
        columns: parent.width > 900 ? 2 : 1
        columnSpacing: 2 * Style.spacing
        rowSpacing: Style.spacing

        Rectangle {
            Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
            implicitWidth: Math.min(420, page.width * 0.6)
            implicitHeight: qrCol.implicitHeight + Style.spacing
            color: Style.surface
            radius: 12
            ColumnLayout {
                id: qrCol
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.spacing / 2 }
                QrCanvas {
                    visible: Receipt.qrSize > 0
                    Layout.alignment: Qt.AlignHCenter
                    Layout.preferredWidth: parent.width * 0.9
                    Layout.preferredHeight: parent.width * 0.9
                    modules: Receipt.qrSize
                    cells: Receipt.qrModules
                }
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    // no platform known: where to ask instead of a QR to nowhere
                    text: Receipt.qrSize > 0 ? I18n.t("submitted.qr", I18n.language)
                                             : I18n.t("receipt.noqr", I18n.language)
                    font.pixelSize: Style.bodySize
                    color: Style.text
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: Style.spacing / 2
            Repeater {
                model: Receipt.receiptLines
                Text {
                    textFormat: Text.PlainText
                    required property string label
                    required property string value
                    Layout.fillWidth: true
                    text: label + "：" + value
                    font.pixelSize: Style.bodySize
                    color: Style.text
                    wrapMode: Text.WrapAnywhere
                }
            }
        }
    }

    id: page

    actions: [
        KButton {
            Layout.fillWidth: true
            primary: false
            text: I18n.t("submitted.a4", I18n.language)
            onClicked: Receipt.printA4()
        },
        KButton {
            Layout.fillWidth: true
            primary: false
            text: "☆ " + I18n.t("submitted.evaluate", I18n.language)
            onClicked: Navigator.go("Evaluate")
        },
        KButton {
            Layout.fillWidth: true
            text: I18n.t("submitted.finish", I18n.language)
            onClicked: Shell.finish()
        }
    ]
}
