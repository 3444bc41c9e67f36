import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

// Browse: by department, by life event, or A-Z; groups on top, services below.
Item {
    id: screen
    readonly property bool portrait: width < height
    readonly property bool zh: I18n.language === "zh"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 2 * Style.spacing
        spacing: Style.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Style.spacing
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: I18n.t("catalog.browse.title", I18n.language)
                font.pixelSize: Style.titleSize
                font.bold: true
                color: Style.text
                elide: Text.ElideRight
            }
            SpeakerButton {}
            KButton {
                primary: false
                text: "⌕ " + I18n.t("home.tile.search", I18n.language)
                onClicked: Navigator.go("Search")
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Style.spacing
            Repeater {
                model: ["department", "event", "az"]
                KButton {
                    required property string modelData
                    Layout.fillWidth: true
                    primary: Browse.tab === modelData
                    text: I18n.t("catalog.browse.tab." + modelData, I18n.language)
                    onClicked: Browse.setTab(modelData)
                }
            }
        }

        // Groups above the services in portrait, beside them in landscape.
        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: screen.portrait ? 1 : 2
            rowSpacing: Style.spacing
            columnSpacing: 2 * Style.spacing

            Flickable {
                id: groupsFlick
                Layout.fillWidth: screen.portrait
                Layout.fillHeight: !screen.portrait
                Layout.preferredWidth: screen.portrait ? -1 : screen.width * 0.34
                Layout.preferredHeight: screen.portrait ? Math.min(groupFlow.implicitHeight, screen.height * 0.3)
                                                        : -1
                contentHeight: groupFlow.implicitHeight
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                Flow {
                    id: groupFlow
                    width: groupsFlick.width
                    spacing: Style.spacing * 0.75
                    Repeater {
                        model: Browse.groups
                        Rectangle {
                            required property string groupId
                            required property string nameZh
                            required property string nameEn
                            required property string nameUg
                            required property int serviceCount
                            readonly property bool chosen: Browse.group === groupId
                            width: Math.min(groupsFlick.width, chip.implicitWidth + 2 * Style.spacing)
                            height: Math.max(Style.touchTarget, chip.implicitHeight + Style.spacing)
                            radius: Math.min(height / 2, Style.touchTarget / 2)
                            color: chosen ? Style.primary : Style.surface
                            border.color: Style.primary
                            border.width: 2
                            Text {
                                textFormat: Text.PlainText
                                id: chip
                                anchors.centerIn: parent
                                width: parent.width - 2 * Style.spacing
                                wrapMode: Text.WordWrap
                                horizontalAlignment: Text.AlignHCenter
                                text: I18n.pick(parent.nameZh, parent.nameEn, parent.nameUg, I18n.language)
                                      + "  " + parent.serviceCount
                                font.pixelSize: Style.bodySize
                                font.bold: parent.chosen
                                color: parent.chosen ? Style.primaryText : Style.primary
                            }
                            MouseArea {
                                anchors.fill: parent
                                // a chip is a button: found and tapped by its words, as read aloud
                                Accessible.role: Accessible.Button
                                Accessible.name: chip.text
                                onClicked: Browse.selectGroup(parent.groupId)
                            }
                        }
                    }
                }
            }

            ListView {
                id: list
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: Style.spacing * 0.75
                model: Browse.browse
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar { width: 14; policy: ScrollBar.AsNeeded }
                delegate: CatalogServiceRow {
                    required property string code
                    required property string nameZh
                    required property string nameEn
                    required property string departmentZh
                    required property string departmentEn
                    required property string promisedZh
                    required property string promisedEn
                    required property string nameUg
                    required property string departmentUg
                    required property string promisedUg
                    required property bool needsOnline
                    required property bool atKiosk
                    width: list.width - 16
                    name: I18n.pick(nameZh, nameEn, nameUg, I18n.language)
                    department: I18n.pick(departmentZh, departmentEn, departmentUg, I18n.language)
                    promised: I18n.pick(promisedZh, promisedEn, promisedUg, I18n.language)
                    onActivated: Guide.openService(code)
                }
                Text {
                    textFormat: Text.PlainText
                    anchors.centerIn: parent
                    width: parent.width
                    visible: list.count === 0
                    text: I18n.t("catalog.browse.pick", I18n.language)
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    font.pixelSize: Style.bodySize
                    color: Style.mutedText
                }
            }
        }
    }
}
