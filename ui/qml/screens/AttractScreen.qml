import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// Shown between visits. Any touch starts a visit.
Rectangle {
    color: Style.primary

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width * 0.85
        spacing: 3 * Style.spacing

        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: "政务服务自助终端"
            color: Style.primaryText
            font.pixelSize: Style.heroSize * 1.6
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: "Government Services Kiosk"
            color: Style.primaryText
            font.pixelSize: Style.titleSize
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            Layout.topMargin: 4 * Style.spacing
            text: I18n.t("attract.title", I18n.language)
            color: Style.primaryText
            font.pixelSize: Style.heroSize
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: I18n.t("attract.subtitle", I18n.language) + "\n" + I18n.t("attract.hint", I18n.language)
            color: Style.primaryText
            font.pixelSize: Style.titleSize
            lineHeight: Style.lineHeight
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
    }

    MouseArea {
        anchors.fill: parent
        Accessible.role: Accessible.Button
        Accessible.name: I18n.t("attract.title", I18n.language)
        Accessible.onPressAction: Navigator.start()
        onClicked: Navigator.start()
    }

    // Above the touch-anywhere area: hears the screen without starting a visit.
    SpeakerButton {
        anchors { top: parent.top; left: parent.left; margins: 2 * Style.spacing }
    }

    // The kiosk's languages, each in its own words (中文, English, ئۇيغۇرچە,
    // 繁體中文): a tap starts the visit in that language.
    Row {
        visible: I18n.languages.length > 1
        anchors { bottom: parent.bottom; horizontalCenter: parent.horizontalCenter
                  bottomMargin: 4 * Style.spacing }
        spacing: 2 * Style.spacing
        Repeater {
            model: I18n.languages
            KButton {
                required property var modelData
                primary: false
                text: modelData.name
                onClicked: { I18n.choose(modelData.code); Navigator.start() }
            }
        }
    }
}
