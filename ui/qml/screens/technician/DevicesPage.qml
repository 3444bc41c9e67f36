import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../../components"

// Devices: each role's port and baud (saved and applied at once), live state,
// paper warnings, probe, test print, test card read (masked) and test scan.
Flickable {
    id: page
    clip: true
    contentWidth: width
    contentHeight: column.implicitHeight
    boundsBehavior: Flickable.StopAtBounds

    ColumnLayout {
        id: column
        width: page.width
        spacing: Style.spacing

        Flow {
            Layout.fillWidth: true
            spacing: Style.spacing
            KButton {
                text: I18n.t("tech.devices.test_print", I18n.language)
                onClicked: TechDevices.testPrint()
            }
            KButton {
                primary: false
                text: I18n.t("tech.devices.status_screen", I18n.language)
                onClicked: TechDevices.showDeviceStatus()
            }
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: I18n.t("tech.devices.test_card", I18n.language) + "  "
                  + (TechDevices.lastCard || "—")
            font.pixelSize: Style.bodySize
            color: Style.text
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: I18n.t("tech.devices.test_scan", I18n.language) + "  "
                  + (TechDevices.lastScan || "—")
            font.pixelSize: Style.bodySize
            color: Style.text
            wrapMode: Text.WrapAnywhere
        }

        Repeater {
            model: TechDevices.rows
            Rectangle {
                id: card
                required property string device
                required property string port
                required property int portIndex
                required property int baud
                required property string status
                required property bool ok
                required property string reason
                required property string warning
                Layout.fillWidth: true
                implicitHeight: rowColumn.implicitHeight + 2 * Style.spacing
                radius: 12
                color: Style.surface
                border.color: card.ok ? Style.ok : (card.warning !== "" ? Style.warning : "#c4ccd8")
                border.width: 2

                ColumnLayout {
                    id: rowColumn
                    anchors.fill: parent
                    anchors.margins: Style.spacing
                    spacing: Style.spacing / 2

                    RowLayout {
                        Layout.fillWidth: true
                        Text {
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                            text: I18n.t("device.name." + card.device, I18n.language)
                            font.pixelSize: Style.titleSize
                            font.bold: true
                            color: Style.text
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            textFormat: Text.PlainText
                            text: I18n.t("device.state." + card.status, I18n.language)
                            font.pixelSize: Style.bodySize
                            font.bold: true
                            color: card.ok ? Style.ok : Style.error
                        }
                    }
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        visible: card.warning !== "" || card.reason !== ""
                        text: card.warning !== "" ? card.warning : card.reason
                        font.pixelSize: Style.bodySize
                        color: card.warning !== "" ? Style.warning : Style.mutedText
                        wrapMode: Text.WordWrap
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: Style.spacing
                        Text {
                            textFormat: Text.PlainText
                            height: Style.touchTarget
                            verticalAlignment: Text.AlignVCenter
                            text: I18n.t("tech.devices.port", I18n.language)
                            font.pixelSize: Style.bodySize
                            color: Style.mutedText
                        }
                        ComboBox {
                            id: portBox
                            Accessible.role: Accessible.ComboBox
                            Accessible.name: I18n.tf("tech.devices.port_of", I18n.language, {
                                "role": I18n.t("device.name." + card.device, I18n.language)})
                            width: Math.min(page.width * 0.55, implicitWidth * 2.2)
                            height: Style.touchTarget
                            font.pixelSize: Style.bodySize
                            model: TechDevices.portChoices
                            textRole: "port"
                            displayText: currentText === "" ? I18n.t("tech.devices.none", I18n.language) : currentText
                            currentIndex: card.portIndex
                        }
                        Text {
                            textFormat: Text.PlainText
                            height: Style.touchTarget
                            verticalAlignment: Text.AlignVCenter
                            text: I18n.t("tech.devices.baud", I18n.language)
                            font.pixelSize: Style.bodySize
                            color: Style.mutedText
                        }
                        ComboBox {
                            id: baudBox
                            Accessible.role: Accessible.ComboBox
                            Accessible.name: I18n.tf("tech.devices.baud_of", I18n.language, {
                                "role": I18n.t("device.name." + card.device, I18n.language)})
                            width: Style.touchTarget * 2.6
                            height: Style.touchTarget
                            font.pixelSize: Style.bodySize
                            model: TechDevices.baudRates
                            currentIndex: Math.max(0, TechDevices.baudRates.indexOf(card.baud))
                        }
                        KButton {
                            text: I18n.t("tech.devices.save", I18n.language)
                            onClicked: TechDevices.setDevice(card.device, portBox.currentText,
                                                             TechDevices.baudRates[baudBox.currentIndex])
                        }
                        KButton {
                            primary: false
                            enabled: !Technician.busy
                            text: I18n.t("tech.devices.probe", I18n.language)
                            onClicked: TechDevices.probe(card.device)
                        }
                    }
                }
            }
        }

        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: I18n.t("tech.devices.ports", I18n.language)
            font.pixelSize: Style.titleSize
            font.bold: true
            color: Style.text
        }
        Repeater {
            model: TechDevices.ports
            Text {
                textFormat: Text.PlainText
                required property string port
                required property string usedBy
                Layout.fillWidth: true
                text: port + "  →  " + (usedBy !== ""
                      ? I18n.t("device.name." + usedBy, I18n.language)
                      : I18n.t("tech.devices.unassigned", I18n.language))
                font.pixelSize: Style.bodySize
                color: Style.text
                wrapMode: Text.WrapAnywhere
            }
        }
    }
}
