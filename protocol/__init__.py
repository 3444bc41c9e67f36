"""The wire between kiosk and platform: sealing of payloads, signing of requests.

Used by kiosk/, sync/ and central/; imports nothing of ours, so both sides agree by construction.
"""
