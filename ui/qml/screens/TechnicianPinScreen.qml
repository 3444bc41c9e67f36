import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// PIN pad for technicians; digits only, shown as dots, never stored in QML.
// A kiosk with no PIN yet asks for the one-time set-up code, then the new PIN twice.
Item {
    id: pinScreen
    property string pin: ""
    readonly property string mode: TechEntry.pinMode
    readonly property string titleKey: mode === "code" ? "tech.pin.first.code"
                                       : mode === "new" ? "tech.pin.first.new"
                                       : mode === "confirm" ? "tech.pin.first.confirm"
                                       : "tech.pin.title"
    onModeChanged: pin = ""

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width * 0.8, 720)
        spacing: 2 * Style.spacing

        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: pinScreen.mode !== "enter"
            text: I18n.t("tech.pin.first.not_set", I18n.language)
            font.pixelSize: Style.titleSize
            color: Style.mutedText
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: I18n.t(pinScreen.titleKey, I18n.language)
            font.pixelSize: Style.heroSize
            font.bold: true
            color: Style.text
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            Accessible.role: Accessible.StaticText
            Accessible.name: I18n.tf("tech.pin.entered", I18n.language, {"count": pinScreen.pin.length})
            text: pinScreen.pin.length > 0 ? "●".repeat(pinScreen.pin.length) : " "
            font.pixelSize: Style.heroSize
            color: Style.text
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: TechEntry.pinError !== ""
            text: "⚠ " + TechEntry.pinError
            font.pixelSize: Style.bodySize
            color: Style.error
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        GridLayout {
            Layout.alignment: Qt.AlignHCenter
            columns: 3
            rowSpacing: Style.spacing
            columnSpacing: Style.spacing
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "OK"]
                KButton {
                    required property string modelData
                    Layout.preferredWidth: Style.touchTarget * 2
                    Layout.preferredHeight: Style.touchTarget * 1.4
                    primary: modelData === "OK"
                    text: modelData === "C" ? I18n.t("tech.pin.clear", I18n.language)
                          : modelData === "OK" ? I18n.t("tech.pin.enter", I18n.language)
                          : modelData
                    onClicked: {
                        if (modelData === "C") {
                            pinScreen.pin = ""
                        } else if (modelData === "OK") {
                            TechEntry.enterPin(pinScreen.pin)
                            pinScreen.pin = ""
                        } else if (pinScreen.pin.length < 12) {
                            pinScreen.pin += modelData
                        }
                    }
                }
            }
        }
    }
}
