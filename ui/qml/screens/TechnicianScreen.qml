import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

// Technician pages: a tab row, then the page the backend says is open.
// Exit kiosk mode asks first (the question covers the page until answered).
Item {
    id: tech

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 2 * Style.spacing
        spacing: Style.spacing

        RowLayout {
            Layout.fillWidth: true
            Text {
                textFormat: Text.PlainText
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
                    Accessible.role: Accessible.PageTab
                    Accessible.checkable: true
                    Accessible.checked: Technician.page === modelData
                    onClicked: Technician.setPage(modelData)
                }
            }
        }

        Text {
            textFormat: Text.PlainText
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

    Rectangle {
        id: exitConfirm
        anchors.fill: parent
        z: 10
        visible: Technician.exitAsked
        color: "#b3000000"

        // Nothing behind the question takes a tap while it is open.
        MouseArea {
            anchors.fill: parent
            Accessible.role: Accessible.Dialog
            Accessible.name: I18n.t("tech.exit.title", I18n.language)
        }

        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 4 * Style.spacing, 900)
            height: box.implicitHeight + 4 * Style.spacing
            radius: 16
            color: Style.surface
            border.color: Style.warning
            border.width: 3

            ColumnLayout {
                id: box
                anchors { left: parent.left; right: parent.right; top: parent.top }
                anchors.margins: 2 * Style.spacing
                spacing: 2 * Style.spacing
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: I18n.t("tech.exit.title", I18n.language)
                    font.pixelSize: Style.heroSize
                    font.bold: true
                    color: Style.text
                    wrapMode: Text.WordWrap
                }
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: I18n.t("tech.exit.body", I18n.language)
                    font.pixelSize: Style.bodySize
                    color: Style.text
                    wrapMode: Text.WordWrap
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: 2 * Style.spacing
                    KButton {
                        text: I18n.t("tech.exit.cancel", I18n.language)
                        onClicked: Technician.cancelExit()
                    }
                    KButton {
                        primary: false
                        text: I18n.t("tech.exit.confirm", I18n.language)
                        onClicked: Technician.confirmExit()
                    }
                }
            }
        }
    }
}
