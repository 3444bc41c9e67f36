import QtQuick
import QtQuick.Layouts
import Kiosk

// Always visible during a visit: home, back, language, elderly mode, finish.
Rectangle {
    id: bar
    color: Style.primary
    implicitHeight: Style.touchTarget + 2 * Style.spacing

    RowLayout {
        anchors.fill: parent
        anchors.margins: Style.spacing
        spacing: Style.spacing / 2

        KButton {
            compact: true
            primary: false
            visible: Navigator.canGoBack
            text: "‹ " + I18n.t("common.back", I18n.language)
            onClicked: Navigator.back()
        }
        KButton {
            compact: true
            primary: false
            text: I18n.t("common.home", I18n.language)
            onClicked: Navigator.home()
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: I18n.t("app.title", I18n.language)
            color: Style.primaryText
            font.pixelSize: Style.bodySize
            font.bold: true
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignHCenter
        }
        KButton {
            compact: true
            primary: false
            text: Style.elderly ? I18n.t("common.elderly.on", I18n.language)
                                : I18n.t("common.elderly", I18n.language)
            onClicked: Style.toggleElderly()
        }
        KButton {
            compact: true
            primary: false
            // the language a tap switches to, in its own words
            text: I18n.nextName
            onClicked: I18n.toggle()
        }
        KButton {
            compact: true
            primary: false
            text: I18n.t("common.finish", I18n.language)
            onClicked: Shell.finish()
        }
    }
}
