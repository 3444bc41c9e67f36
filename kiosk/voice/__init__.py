"""Spoken guidance (语音导办): what each screen says, in words a voice can read.

``normalise`` writes numbers, dates and codes out in words; ``speaker`` turns
text into WAV behind the ``Speaker`` interface (espeak-ng offline); ``cache``
keeps rendered prompts on disk; ``guide`` decides what is said and refuses
anything personal. No Qt here: the UI plays the WAV (ui/voice.py).
"""
