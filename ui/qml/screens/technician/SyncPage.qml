import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../../components"

// Sync: queue figures, quarantined items with their reasons (retry or export one), sync now.
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

        KButton {
            text: I18n.t("tech.sync.now", I18n.language)
            onClicked: TechSync.syncNow()
        }
        Repeater {
            model: TechSync.rows
            RowLayout {
                id: figure
                required property string label
                required property string value
                Layout.fillWidth: true
                Text {
                    textFormat: Text.PlainText
                    Layout.preferredWidth: page.width * 0.4
                    text: figure.label
                    font.pixelSize: Style.bodySize
                    color: Style.mutedText
                    wrapMode: Text.WordWrap
                }
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: figure.value
                    font.pixelSize: Style.bodySize
                    font.bold: true
                    color: Style.text
                    wrapMode: Text.WrapAnywhere
                }
            }
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            Layout.topMargin: Style.spacing
            text: I18n.t("tech.sync.quarantined_list", I18n.language)
            font.pixelSize: Style.titleSize
            font.bold: true
            color: Style.text
        }
        Text {
            textFormat: Text.PlainText
            visible: TechSync.quarantined.count === 0
            text: I18n.t("tech.sync.none", I18n.language)
            font.pixelSize: Style.bodySize
            color: Style.mutedText
        }
        Repeater {
            model: TechSync.quarantined
            Rectangle {
                id: item
                required property string clientId
                required property string title
                required property string at
                required property string reason
                Layout.fillWidth: true
                implicitHeight: itemColumn.implicitHeight + 2 * Style.spacing
                radius: 12
                color: Style.surface
                border.color: Style.warning
                border.width: 2
                ColumnLayout {
                    id: itemColumn
                    anchors.fill: parent
                    anchors.margins: Style.spacing
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: item.title + "  ·  " + item.at
                        font.pixelSize: Style.bodySize
                        font.bold: true
                        color: Style.text
                        wrapMode: Text.WrapAnywhere
                    }
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: item.reason
                        font.pixelSize: Style.bodySize
                        color: Style.error
                        wrapMode: Text.WordWrap
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: Style.spacing
                        KButton {
                            text: I18n.t("tech.sync.retry", I18n.language)
                            onClicked: TechSync.retryItem(item.clientId)
                        }
                        KButton {
                            primary: false
                            text: I18n.t("tech.sync.export", I18n.language)
                            onClicked: TechSync.exportItem(item.clientId)
                        }
                    }
                }
            }
        }
    }
}
