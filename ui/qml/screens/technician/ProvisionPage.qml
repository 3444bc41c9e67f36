import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../../components"

// Provisioning: scan the platform's QR (the backend listens to the scanner while this
// page is open) or type the fields; enrollment runs in a worker thread.
Flickable {
    id: page
    clip: true
    contentWidth: width
    contentHeight: column.implicitHeight
    boundsBehavior: Flickable.StopAtBounds

    component Field: TextField {
        id: f
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(Style.touchTarget, implicitHeight)
        font.pixelSize: Style.bodySize
        color: Style.text
        placeholderTextColor: Style.mutedText
        inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
        leftPadding: Style.spacing
        Accessible.role: Accessible.EditableText
        Accessible.name: placeholderText
        background: Rectangle {
            radius: 10
            color: Style.surface
            border.color: f.activeFocus ? Style.primary : "#8a94a6"
            border.width: f.activeFocus ? 3 : 2
        }
    }

    ColumnLayout {
        id: column
        width: page.width
        spacing: Style.spacing

        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: I18n.t("tech.provision.scan_hint", I18n.language)
            font.pixelSize: Style.titleSize
            font.bold: true
            color: Style.text
            wrapMode: Text.WordWrap
        }
        Field {
            id: url
            placeholderText: I18n.t("tech.provision.url", I18n.language)
        }
        Field {
            id: token
            placeholderText: I18n.t("tech.provision.token", I18n.language)
        }
        Field {
            id: code
            placeholderText: I18n.t("tech.provision.code", I18n.language)
        }
        Field {
            id: fp
            placeholderText: I18n.t("tech.provision.fp", I18n.language)
        }
        RowLayout {
            spacing: Style.spacing
            KButton {
                enabled: !Technician.busy
                text: I18n.t("tech.provision.enroll", I18n.language)
                onClicked: TechProvision.provisionTyped(url.text, token.text, code.text, fp.text)
            }
            BusyIndicator {
                running: Technician.busy
                visible: running
                Layout.preferredHeight: Style.touchTarget
                Layout.preferredWidth: Style.touchTarget
            }
        }
        // Items still wait for the current platform: said with their number; nothing
        // changes until the technician confirms (they stay bound to their platform).
        Rectangle {
            visible: TechProvision.pendingCount > 0
            Layout.fillWidth: true
            implicitHeight: pendingColumn.implicitHeight + 2 * Style.spacing
            radius: 12
            color: Style.surface
            border.color: Style.warning
            border.width: 2
            ColumnLayout {
                id: pendingColumn
                anchors.fill: parent
                anchors.margins: Style.spacing
                spacing: Style.spacing
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: TechProvision.pendingText
                    font.pixelSize: Style.bodySize
                    color: Style.text
                    wrapMode: Text.WordWrap
                }
                RowLayout {
                    spacing: Style.spacing
                    KButton {
                        text: I18n.t("tech.provision.confirm", I18n.language)
                        onClicked: TechProvision.confirmPending()
                    }
                    KButton {
                        text: I18n.t("tech.provision.cancel", I18n.language)
                        onClicked: TechProvision.cancelPending()
                    }
                }
            }
        }
    }
}
