import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// Technician-facing: one card per device with its state in words and a mark
// (never colour alone), the reason when it is not OK, and the port.
Item {
    id: screen

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 2 * Style.spacing
        spacing: Style.spacing

        Text {
            Layout.fillWidth: true
            text: I18n.t("devices.title", I18n.language)
            font.pixelSize: Style.titleSize
            font.bold: true
            color: Style.text
            wrapMode: Text.WordWrap
        }
        Text {
            Layout.fillWidth: true
            text: (Devices.allOk ? "✔ " + I18n.t("devices.all_ok", I18n.language)
                                 : "⚠ " + I18n.t("devices.some_bad", I18n.language))
                  + " · " + I18n.t("devices.subtitle", I18n.language)
            font.pixelSize: Style.bodySize
            color: Devices.allOk ? Style.ok : Style.warning
            wrapMode: Text.WordWrap
            lineHeight: Style.lineHeight
        }

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Style.spacing
            model: Devices.model
            delegate: Rectangle {
                required property string device
                required property string state
                required property bool ok
                required property string reason
                required property string detail
                required property string port
                width: list.width
                implicitHeight: row.implicitHeight + 2 * Style.spacing
                radius: 12
                color: Style.surface
                border.width: ok ? 1 : 3
                border.color: ok ? Style.primary : (state === "paper_near_end" ? Style.warning : Style.error)

                RowLayout {
                    id: row
                    anchors.fill: parent
                    anchors.margins: Style.spacing
                    spacing: Style.spacing

                    Text {
                        Layout.alignment: Qt.AlignTop
                        text: ok ? (state === "paper_near_end" ? "⚠" : "✔")
                                 : (state === "disabled" || state === "starting" ? "–" : "✖")
                        font.pixelSize: Style.titleSize
                        font.bold: true
                        color: ok ? (state === "paper_near_end" ? Style.warning : Style.ok) : Style.error
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 4
                        Text {
                            Layout.fillWidth: true
                            text: I18n.t("device.name." + device, I18n.language) + "：" +
                                  I18n.t("device.state." + state, I18n.language)
                            font.pixelSize: Style.bodySize
                            font.bold: true
                            color: Style.text
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            Layout.fillWidth: true
                            visible: reason !== "" && reason !== "device.state." + state
                            text: I18n.tf(reason, I18n.language, {"port": port, "sw3": "", "sent": "", "total": "", "limit": ""})
                            font.pixelSize: Style.smallSize
                            color: Style.text
                            wrapMode: Text.WordWrap
                            lineHeight: Style.lineHeight
                        }
                        Text {
                            Layout.fillWidth: true
                            visible: port !== "" || detail !== ""
                            text: (port !== "" ? I18n.t("devices.port", I18n.language) + " " + port : "")
                                  + (detail !== "" ? "  (" + detail + ")" : "")
                            font.pixelSize: Style.smallSize
                            color: Style.mutedText
                            wrapMode: Text.WrapAnywhere
                        }
                    }
                }
            }
        }

        KButton {
            Layout.alignment: Qt.AlignHCenter
            text: I18n.t("devices.test_print", I18n.language)
            onClicked: Devices.testPrint()
        }
    }
}
