import QtQuick
import Kiosk

// 朗读: a tap says what this screen is and what to do on it (Voice.speakScreen);
// in elderly mode the screen says it by itself when it opens. One per screen:
// `params` fills the prompt's blanks (a service's name, a tracking number).
KButton {
    id: speaker
    property string screen: Navigator.screen
    property var params: ({})
    compact: true
    primary: false
    visible: Voice.enabled
    text: "♪ " + I18n.t("voice.button", I18n.language)
    Accessible.name: I18n.t("voice.button.name", I18n.language)
    onClicked: Voice.speakScreen(speaker.screen, speaker.params)
    Component.onCompleted: Voice.screenShown(speaker.screen, speaker.params)
}
