import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

// Technician pages: a tab row, then the page the backend says is open.
Item {
    id: tech

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 2 * Style.spacing
        spacing: Style.spacing

        RowLayout {
            Layout.fillWidth: true
            Text {
                Layout.fillWidth: true
                text: I18n.t("tech.title", I18n.language)
                font.pixelSize: Style.heroSize
                font.bold: true
                color: Style.text
            }
            KButton {
                primary: false
                text: I18n.t("tech.leave", I18n.language)
                onClicked: Technician.leave()
            }
            KButton {
                primary: false
                text: I18n.t("tech.exit_kiosk", I18n.language)
                onClicked: Technician.exitKiosk()
            }
        }

        Flow {
            Layout.fillWidth: true
            spacing: Style.spacing
            Repeater {
                model: Technician.pages
                KButton {
                    required property string modelData
                    primary: Technician.page === modelData
                    text: I18n.t("tech.page." + modelData, I18n.language)
                    onClicked: Technician.setPage(modelData)
                }
            }
        }

        Text {
            Layout.fillWidth: true
            visible: Technician.message !== ""
            text: Technician.message
            font.pixelSize: Style.bodySize
            color: Style.text
            wrapMode: Text.WordWrap
        }

        Loader {
            Layout.fillWidth: true
            Layout.fillHeight: true
            source: Qt.resolvedUrl("technician/" + Technician.page.charAt(0).toUpperCase()
                                   + Technician.page.slice(1) + "Page.qml")
        }
    }
}
