import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

// The service guide: what to bring, fees, time limits, where, online or not; QR to the phone.
Item {
    id: screen
    readonly property bool portrait: width < height
    readonly property var g: Guide.guide

    component SectionTitle: Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        Layout.topMargin: Style.spacing
        font.pixelSize: Style.titleSize
        font.bold: true
        color: Style.primary
        wrapMode: Text.WordWrap
    }
    component Fact: RowLayout {
        property string label: ""
        property string value: ""
        property color valueColor: Style.text
        Layout.fillWidth: true
        spacing: Style.spacing
        Text {
            textFormat: Text.PlainText
            Layout.preferredWidth: Math.max(implicitWidth, Style.bodySize * 5)
            Layout.alignment: Qt.AlignTop
            text: parent.label
            font.pixelSize: Style.bodySize
            color: Style.mutedText
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: parent.value
            font.pixelSize: Style.bodySize
            font.bold: true
            color: parent.valueColor
            wrapMode: Text.WordWrap
            lineHeight: Style.lineHeight
        }
    }

    Text {
        textFormat: Text.PlainText
        anchors.centerIn: parent
        visible: !screen.g.code
        text: I18n.t("catalog.guide.notfound", I18n.language)
        font.pixelSize: Style.titleSize
        color: Style.mutedText
    }

    GridLayout {
        anchors.fill: parent
        anchors.margins: 2 * Style.spacing
        visible: !!screen.g.code
        columns: screen.portrait ? 1 : 2
        rowSpacing: Style.spacing
        columnSpacing: 2 * Style.spacing

        Flickable {
            id: flick
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: body.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: 14; policy: ScrollBar.AsNeeded }

            ColumnLayout {
                id: body
                width: flick.width - 20
                spacing: Style.spacing * 0.6

                RowLayout {
                    Layout.fillWidth: true
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: screen.g.name || ""
                        font.pixelSize: Style.heroSize
                        font.bold: true
                        color: Style.text
                        wrapMode: Text.WordWrap
                        lineHeight: 1.2
                    }
                    SpeakerButton { Layout.alignment: Qt.AlignTop; params: ({ service: screen.g.name || "" }) }
                }
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: (screen.g.department || "") + " · " + (screen.g.type || "")
                    font.pixelSize: Style.bodySize
                    color: Style.mutedText
                    wrapMode: Text.WordWrap
                }
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: screen.g.summary || ""
                    font.pixelSize: Style.bodySize
                    color: Style.text
                    wrapMode: Text.WordWrap
                    lineHeight: Style.lineHeight
                }
                Rectangle {
                    Layout.fillWidth: true
                    visible: !!screen.g.needsOnline
                    implicitHeight: onlineText.implicitHeight + Style.spacing
                    radius: 8
                    color: "#fff4e0"
                    border.color: Style.warning
                    Text {
                        textFormat: Text.PlainText
                        id: onlineText
                        anchors { fill: parent; margins: Style.spacing / 2 }
                        text: "⚡ " + (screen.g.online || "")
                        font.pixelSize: Style.bodySize
                        font.bold: true
                        color: Style.warning
                        wrapMode: Text.WordWrap
                    }
                }

                SectionTitle { text: I18n.t("catalog.guide.materials", I18n.language) }
                Text {
                    textFormat: Text.PlainText
                    visible: (screen.g.materials || []).length === 0
                    text: I18n.t("catalog.guide.nomaterials", I18n.language)
                    font.pixelSize: Style.bodySize
                    color: Style.text
                }
                Repeater {
                    model: screen.g.materials || []
                    RowLayout {
                        required property var modelData
                        required property int index
                        Layout.fillWidth: true
                        spacing: Style.spacing
                        Text {
                            textFormat: Text.PlainText
                            Layout.alignment: Qt.AlignTop
                            text: (index + 1) + "."
                            font.pixelSize: Style.bodySize
                            font.bold: true
                            color: Style.primary
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: modelData.name
                                font.pixelSize: Style.bodySize
                                font.bold: true
                                color: Style.text
                                wrapMode: Text.WordWrap
                                lineHeight: Style.lineHeight
                            }
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                // Words, not only colour, say whether it is needed.
                                text: modelData.detail + " · " + modelData.need
                                      + (modelData.notes ? "\n" + modelData.notes : "")
                                font.pixelSize: Style.smallSize
                                color: modelData.required ? Style.mutedText : Style.warning
                                wrapMode: Text.WordWrap
                                lineHeight: Style.lineHeight
                            }
                        }
                    }
                }

                SectionTitle { text: I18n.t("catalog.guide.fees", I18n.language) }
                Text {
                    textFormat: Text.PlainText
                    visible: !!screen.g.feeText
                    text: screen.g.feeText || ""
                    font.pixelSize: Style.bodySize
                    font.bold: true
                    color: Style.ok
                }
                Repeater {
                    model: screen.g.fees || []
                    Text {
                        textFormat: Text.PlainText
                        required property var modelData
                        Layout.fillWidth: true
                        text: modelData.item + "：" + modelData.amount
                              + (modelData.basis ? "（" + modelData.basis + "）" : "")
                        font.pixelSize: Style.bodySize
                        color: Style.text
                        wrapMode: Text.WordWrap
                        lineHeight: Style.lineHeight
                    }
                }

                SectionTitle { text: I18n.t("catalog.guide.time", I18n.language) }
                Fact { label: I18n.t("catalog.guide.promised", I18n.language); value: screen.g.promised || "" }
                Fact { label: I18n.t("catalog.guide.legal", I18n.language); value: screen.g.legal || "" }

                SectionTitle { text: I18n.t("catalog.guide.channels", I18n.language) }
                Fact { label: I18n.t("catalog.guide.channels", I18n.language); value: screen.g.channels || "" }
                Fact {
                    visible: !!screen.g.where
                    label: I18n.t("catalog.guide.where", I18n.language); value: screen.g.where || ""
                }
                Fact {
                    label: I18n.t("catalog.guide.online", I18n.language); value: screen.g.online || ""
                    valueColor: screen.g.needsOnline ? Style.warning : Style.text
                }
                Fact { label: I18n.t("catalog.guide.identity", I18n.language); value: screen.g.identity || "" }
                Item { Layout.preferredHeight: Style.spacing }
            }
        }

        // The phone QR and the Apply button: beside the guide in landscape, below it in portrait.
        GridLayout {
            Layout.fillWidth: screen.portrait
            Layout.preferredWidth: screen.portrait ? -1 : Math.min(screen.width * 0.3, 480)
            Layout.alignment: Qt.AlignTop
            columns: screen.portrait ? 2 : 1
            columnSpacing: 2 * Style.spacing
            rowSpacing: Style.spacing

            Rectangle {
                // the column's own width in portrait: a long sentence (no QR) wraps
                // inside it instead of widening the box past the window
                Layout.preferredWidth: (screen.portrait ? qrColumn.width : qrColumn.implicitWidth)
                                       + 2 * Style.spacing
                Layout.preferredHeight: qrColumn.implicitHeight + 2 * Style.spacing
                Layout.fillWidth: !screen.portrait
                radius: 12
                color: Style.surface
                border.color: "#c5d0de"
                ColumnLayout {
                    id: qrColumn
                    anchors.centerIn: parent
                    width: screen.portrait ? Math.min(screen.width * 0.4, 420)
                                           : parent.width - 2 * Style.spacing
                    spacing: Style.spacing / 2
                    Image {
                        visible: Guide.guideQr !== ""
                        Layout.alignment: Qt.AlignHCenter
                        Layout.preferredWidth: screen.portrait ? Math.min(screen.height * 0.14, 280) : 260
                        Layout.preferredHeight: Layout.preferredWidth
                        source: Guide.guideQr
                        smooth: false
                        fillMode: Image.PreserveAspectFit
                    }
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        // no platform known: a sentence, never a QR to a placeholder domain
                        text: Guide.guideQr !== "" ? I18n.t("catalog.guide.qr", I18n.language)
                                                     : I18n.t("catalog.guide.noqr", I18n.language)
                        font.pixelSize: Style.smallSize
                        color: Style.text
                        wrapMode: Text.WordWrap
                        horizontalAlignment: Text.AlignHCenter
                    }
                }
            }
            ColumnLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignVCenter
                spacing: Style.spacing
                KButton {
                    Layout.fillWidth: true
                    visible: !!screen.g.atKiosk
                    text: I18n.t("catalog.guide.apply", I18n.language)
                    font.pixelSize: Style.titleSize
                    onClicked: Guide.apply()
                }
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    visible: !screen.g.atKiosk
                    text: screen.g.kioskHelp || I18n.t("catalog.guide.counteronly", I18n.language)
                    font.pixelSize: Style.bodySize
                    font.bold: true
                    color: Style.text
                    wrapMode: Text.WordWrap
                    lineHeight: Style.lineHeight
                }
            }
        }
    }
}
