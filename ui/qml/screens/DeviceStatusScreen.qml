import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// Technician-facing: one card per device with its state in words and a mark
// (never colour alone), the reason when it is not OK, and the port.
// Portrait: one column; landscape: two.
Item {
    id: screen
    readonly property bool portrait: width < height

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 2 * Style.spacing
        spacing: Style.spacing

        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: I18n.t("devices.title", I18n.language)
            font.pixelSize: Style.titleSize
            font.bold: true
            color: Style.text
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: (Devices.allOk ? "✔ " + I18n.t("devices.all_ok", I18n.language)
                                 : "⚠ " + I18n.t("devices.some_bad", I18n.language))
                  + " · " + I18n.t("devices.subtitle", I18n.language)
            font.pixelSize: Style.bodySize
            color: Devices.allOk ? Style.ok : Style.warning
            wrapMode: Text.WordWrap
            lineHeight: Style.lineHeight
        }

        Flickable {
            id: flick
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentWidth: width
            contentHeight: grid.implicitHeight
            boundsBehavior: Flickable.StopAtBounds

            GridLayout {
                id: grid
                width: flick.width
                columns: screen.portrait ? 1 : 2
                rowSpacing: Style.spacing
                columnSpacing: Style.spacing

                Repeater {
                    model: Devices.model
                    delegate: Rectangle {
                        id: card
                        required property string device
                        required property string status
                        required property bool ok
                        required property string reason
                        required property string detail
                        required property string port
                        readonly property bool warn: status === "paper_near_end"
                        readonly property bool neutral: status === "disabled" || status === "starting"
                                                        || status === "not_configured" || status === "no_printer"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Layout.alignment: Qt.AlignTop
                        implicitHeight: row.implicitHeight + 2 * Style.spacing
                        radius: 12
                        color: Style.surface
                        border.width: ok && !warn ? 1 : 3
                        border.color: ok && !warn ? Style.primary
                                                  : (warn || neutral ? Style.warning : Style.error)

                        RowLayout {
                            id: row
                            anchors.fill: parent
                            anchors.margins: Style.spacing
                            spacing: Style.spacing

                            Text {
                                textFormat: Text.PlainText
                                Layout.alignment: Qt.AlignTop
                                text: card.warn ? "⚠" : (card.ok ? "✔" : (card.neutral ? "–" : "✖"))
                                font.pixelSize: Style.titleSize
                                font.bold: true
                                color: card.warn || card.neutral ? Style.warning
                                                                 : (card.ok ? Style.ok : Style.error)
                            }
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 4
                                Text {
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    text: I18n.t("device.name." + card.device, I18n.language) + (I18n.language === "zh" ? "：" : ": ")
                                          + I18n.t("device.state." + card.status, I18n.language)
                                    font.pixelSize: Style.bodySize
                                    font.bold: true
                                    color: Style.text
                                    wrapMode: Text.WordWrap
                                }
                                Text {
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    visible: card.reason !== "" && card.reason !== "device.state." + card.status
                                             && card.reason !== "error.device.not_configured"
                                    text: I18n.tf(card.reason, I18n.language,
                                                  {"port": "", "sw3": "", "sent": "", "total": "", "limit": ""})
                                    font.pixelSize: Style.smallSize
                                    color: Style.text
                                    wrapMode: Text.WordWrap
                                    lineHeight: Style.lineHeight
                                }
                                Text {
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    visible: card.port !== "" || card.detail !== ""
                                    text: (card.port !== "" ? I18n.t("devices.port", I18n.language) + " " + card.port : "")
                                          + (card.detail !== "" ? (card.port !== "" ? " · " : "") + card.detail : "")
                                    font.pixelSize: Style.smallSize
                                    color: Style.mutedText
                                    wrapMode: Text.Wrap
                                    maximumLineCount: 2
                                    elide: Text.ElideRight
                                }
                            }
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
