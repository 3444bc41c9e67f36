import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// Home: a few large tiles; Python lists them (Navigator.homeTiles).
Item {
    id: home
    readonly property bool portrait: width < height

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 2 * Style.spacing
        spacing: 2 * Style.spacing

        RowLayout {
            Layout.fillWidth: true
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: I18n.t("home.title", I18n.language)
                font.pixelSize: Style.heroSize
                font.bold: true
                color: Style.text
                wrapMode: Text.WordWrap
            }
            SpeakerButton { Layout.alignment: Qt.AlignTop }
        }

        // Said before a journey starts, not after the resident has filled a form.
        ErrorNote {
            Layout.fillWidth: true
            text: Devices.receiptProblem !== "" ? I18n.t(Devices.receiptProblem, I18n.language).replace(/^⚠ /, "") : ""
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: home.portrait ? 2 : 3
            rowSpacing: 2 * Style.spacing
            columnSpacing: 2 * Style.spacing

            Repeater {
                model: Navigator.homeTiles
                Tile {
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    glyph: modelData.glyph
                    label: I18n.t("home.tile." + modelData.key, I18n.language)
                    sublabel: I18n.t("home.tile." + modelData.key + ".sub", I18n.language)
                    onActivated: Navigator.go(modelData.target)
                }
            }
        }
    }
}
