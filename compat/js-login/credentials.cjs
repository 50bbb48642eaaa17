// Prints, as JSON, the credentials that the AWS SDK for JavaScript's aws login provider serves for the profile
// AWS_PROFILE names, from the login cache of AWS_LOGIN_CACHE_DIRECTORY; its Sign-In calls go to SIGNIN_ENDPOINT.
const { fromLoginCredentials } = require("@aws-sdk/credential-provider-login");

fromLoginCredentials({ clientConfig: { endpoint: process.env.SIGNIN_ENDPOINT } })()
    .then((credentials) => {
        console.log(JSON.stringify({ accessKeyId: credentials.accessKeyId, expiration: credentials.expiration }));
    })
    .catch((error) => {
        console.error(String(error));
        process.exit(1);
    });
