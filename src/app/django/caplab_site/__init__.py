"""caplab's sample app as a Django 3.2 project, for the real Nginx -> uWSGI -> Django stack."""
